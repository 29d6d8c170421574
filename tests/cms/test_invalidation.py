"""The cache invalidation registry (cms.caching.invalidation): every model readers see declares
what bumps the content version, next to the model; nothing keeps a list by hand."""

import pytest
from django.apps import apps
from django.db.models.signals import m2m_changed, post_save
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

from cms.caching import invalidation, version
from cms.models import (
    AccountabilitySettings,
    AgencySettings,
    ArticlePage,
    ArticlePageTag,
    ContentVersion,
    HelpContact,
    HomePageHighlight,
    PortalDocument,
    PortalImage,
    PortalRendition,
    RelatedArticle,
    SignageBoard,
    SignageItem,
)
from tests import factories

# Models of cms that are not declared, and why nothing is lost.
NOT_DECLARED = {
    # The content version itself (cms.caching.version): bumping is what saving it is.
    ContentVersion: "the version",
    # Created on demand when a page is rendered; bumping would void what was just cached.
    PortalRendition: "renditions",
    # Children of a page (tags, highlights, related articles): readers see them when the page
    # is published, which bumps.
    ArticlePageTag: "page child",
    HomePageHighlight: "page child",
    RelatedArticle: "page child",
}


def current():
    return version.content_version()[0]


def test_every_model_of_cms_is_declared_or_knowingly_left_out():
    undeclared = [
        model
        for model in apps.get_app_config("cms").get_models()
        if invalidation.declaration_for(model) is None and model not in NOT_DECLARED
    ]
    assert undeclared == []


@pytest.mark.parametrize(
    "model",
    [
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Site,
        Redirect,
        Tag,
        PortalImage,
        PortalDocument,
        HelpContact,
        SignageBoard,
        SignageItem,
        AgencySettings,
        AccountabilitySettings,
    ],
)
def test_models_readers_see_bump_the_version_when_saved_or_deleted(model):
    declaration = invalidation.declaration_for(model)
    assert declaration is not None
    assert declaration.on == invalidation.ROW_EVENTS


def test_pages_bump_when_readers_see_a_change_not_on_a_draft(news_section):
    assert invalidation.declaration_for(ArticlePage).on == invalidation.PAGE_EVENTS
    assert invalidation.declaration_for(ArticlePage).model is Page
    article = factories.make_article(news_section, "Tin")
    before = current()
    article.title = "Bản nháp"
    article.save_revision()
    assert current() == before
    article.unpublish()
    assert current() > before


@pytest.mark.django_db
def test_a_site_setting_created_with_its_defaults_does_not_bump_but_an_edit_does(home):
    site = Site.objects.get(is_default_site=True)
    before = current()
    setting = AgencySettings.objects.create(site=site)
    assert current() == before
    setting.name = "Ủy ban nhân dân phường Hải Châu"
    setting.save()
    assert current() > before


@pytest.mark.django_db
def test_changing_the_groups_of_a_page_restriction_bumps(news_section):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=news_section, restriction_type=PageViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Cán bộ")
    before = current()
    restriction.groups.add(group)
    assert current() > before
    before = current()
    group.pageviewrestriction_set.remove(restriction)  # the reverse side
    assert current() > before


class Declared:
    pass


class DeclaredChild(Declared):
    pass


@pytest.fixture
def declared_class():
    invalidation.invalidates_content(Declared, when_created=False)
    yield Declared
    invalidation._registry.pop(Declared)
    invalidation._resolved.clear()


@pytest.mark.django_db
def test_a_new_model_declares_itself_and_its_subclasses_follow(declared_class):
    before = current()
    post_save.send(sender=DeclaredChild, instance=DeclaredChild(), created=True)
    assert current() == before  # when_created=False
    post_save.send(sender=DeclaredChild, instance=DeclaredChild(), created=False)
    assert current() > before
    before = current()
    m2m_changed.send(
        sender=object, instance=Declared(), action="pre_add", reverse=False, model=object
    )
    assert current() == before


def test_an_unknown_event_is_refused():
    with pytest.raises(ValueError, match="Unknown invalidation events"):
        invalidation.invalidates_content(Declared, on={"saved", "renamed"})

"""The one registry of what invalidates readers' caches.

A model whose rows readers see declares it where the model is defined, once::

    @invalidates_content
    class HelpContact(models.Model): ...

    @invalidates_content(when_created=False)      # a row created with defaults changes nothing
    class AgencySettings(CachedSiteSettingMixin, BaseSiteSetting): ...

    invalidates_content(CollectionViewRestriction)   # a model of another app, declared in cms

and from then on saving or deleting one of its rows (or changing one of its many-to-many
relations, e.g. the groups of a view restriction) bumps the content version
(``cms.caching.version``): every cached response, page, lookup and total built before is no
longer served, in every process sharing the cache. Subclasses (and proxies) of a declared model
are covered by its declaration; a subclass may declare itself to override it.

``on`` chooses the events (default: saved and deleted). Pages declare ``PAGE_EVENTS``: a page
row is saved for every draft, which readers never see; what they see changes when a page is
published, unpublished, moved or deleted. ``then`` is called with the instance once the
transaction commits (the API purges its URLs from a front-end cache that way); its failure is
logged, never undoes the change. The bump itself is an ``UPDATE`` in the change's transaction
(``cms.caching.version``): it cannot fail on its own (a cache outage does not touch it), so the
receivers after it (``editorial.handlers`` revoking clearances) always run, and a failing one
rolls back the change with its bump.

``connect()`` (called once from ``CmsConfig.ready``) connects one receiver per signal, for all
declared models. ``declaration_for(model)`` says what a model declared, for tests and checks.

Not covered: ``QuerySet.update()``, ``bulk_create()`` and raw SQL send no signal; code that
changes readers' content that way calls ``version.bump_content_version()`` itself.

Import direction: Django and Wagtail signals only; models register themselves here.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.caching.version import bump_content_version

SAVED = "saved"
DELETED = "deleted"
PUBLISHED = "published"
UNPUBLISHED = "unpublished"
MOVED = "moved"
ROW_EVENTS = frozenset({SAVED, DELETED})
PAGE_EVENTS = frozenset({PUBLISHED, UNPUBLISHED, MOVED, DELETED})
_EVENTS = ROW_EVENTS | PAGE_EVENTS


@dataclass(frozen=True)
class Declaration:
    model: type
    on: frozenset = ROW_EVENTS
    when_created: bool = True
    then: object = None  # callable(instance) or None


_registry = {}
_resolved = {}


def invalidates_content(model=None, *, on=ROW_EVENTS, when_created=True, then=None):
    """Declare that changes to ``model``'s rows change what readers see (see the module
    docstring). Usable as a class decorator, with or without arguments, or as a call."""
    on = frozenset(on)
    if unknown := on - _EVENTS:
        raise ValueError(f"Unknown invalidation events: {sorted(unknown)}")

    def register(cls):
        _registry[cls] = Declaration(cls, on, when_created, then)
        _resolved.clear()
        return cls

    return register if model is None else register(model)


def declaration_for(model):
    """The declaration covering ``model`` (its own or its nearest declared ancestor's), or None."""
    if model not in _resolved:
        _resolved[model] = next((_registry[cls] for cls in model.__mro__ if cls in _registry), None)
    return _resolved[model]


def declared_models():
    return list(_registry)


def _changed(instance, event, model=None):
    declaration = declaration_for(model or type(instance))
    if declaration is None or event not in declaration.on:
        return
    bump_content_version()
    if declaration.then is not None:
        # After commit: a front-end cache purged before it could fetch the old content again.
        transaction.on_commit(lambda: declaration.then(instance), robust=True)


def _on_save(sender, instance, created=False, **kwargs):
    declaration = declaration_for(type(instance))
    if declaration is not None and created and not declaration.when_created:
        return
    _changed(instance, SAVED)


def _on_delete(sender, instance, **kwargs):
    _changed(instance, DELETED)


def _on_m2m(sender, instance, action, reverse, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # Forward (restriction.groups.add(group)): the instance is the declared model's row.
    # Reverse (group.pageviewrestriction_set.add(...)): ``model`` is the declared model.
    _changed(instance, SAVED, model=model if reverse else None)


def _on_published(sender, instance, **kwargs):
    _changed(instance, PUBLISHED)


def _on_unpublished(sender, instance, **kwargs):
    _changed(instance, UNPUBLISHED)


def _on_moved(sender, instance, **kwargs):
    _changed(instance, MOVED)


def connect():
    """Connect the receivers (once; called from ``CmsConfig.ready``)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_save, dispatch_uid="cms.caching.saved")
    post_delete.connect(_on_delete, dispatch_uid="cms.caching.deleted")
    m2m_changed.connect(_on_m2m, dispatch_uid="cms.caching.m2m")
    page_published.connect(_on_published, dispatch_uid="cms.caching.published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="cms.caching.unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="cms.caching.moved")

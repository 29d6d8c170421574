"""Tags whose name has no letter or digit (``!!!``, ``#``, ``…``): taggit slugifies them to an
empty slug, which no URL can carry, so every page showing one failed to render.

Contract: the admin refuses such a tag with a Vietnamese message (``tag_name_problem``, used by
``cms.forms.PortalPageForm``); every other path (import, generation, code) gets a stable fallback
slug from the name (``fallback_slug``, a ``pre_save`` receiver on taggit's ``Tag`` wired in
``cms.signals``); templates link a tag only when it has a slug.
"""

import hashlib

from django.utils.translation import gettext as _
from taggit.models import Tag

FALLBACK_PREFIX = "the-"


def fallback_slug(name):
    """A slug for a tag whose name slugifies to nothing: the same name always gives the same
    slug (names are unique regardless of case)."""
    digest = hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()[:12]
    return f"{FALLBACK_PREFIX}{digest}"


def slug_for(name):
    return Tag().slugify(name) or fallback_slug(name)


def tag_name_problem(name):
    """A message when ``name`` cannot make a tag a reader can follow, else None."""
    if not Tag().slugify(name):
        return _("The tag “%(name)s” has no letter or digit; give it a name with words.") % {
            "name": name[:50]
        }
    return None


def give_fallback_slug(sender, instance, **kwargs):
    if not instance.slug and instance.name:
        instance.slug = fallback_slug(instance.name)

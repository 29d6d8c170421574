"""The site's search backend: modelsearch's database backend (``modelsearch.backends.database``:
PostgreSQL full text, SQLite FTS5, ...) whose index keeps the cost of indexing one page
independent of the number of pages.

modelsearch sets each new entry's ``title_norm`` to ``average title length / title length``.
After every add it computes that average over the whole index and then updates every entry whose
``title_norm`` is still 1.0 (the default of a new entry): two sequential scans of the index
(150 ms at 34,000 entries on PostgreSQL), on every publish. Here:

- the average comes from the cache, computed exactly when missing and at most
  ``TITLE_LENGTH_SECONDS`` old. modelsearch itself never revisits an entry's norm (an entry keeps
  the average of the moment it was indexed), so an average up to an hour old changes nothing in
  kind; a full rebuild (``update_index``) recomputes it and every entry's norm exactly;
- only the entries just written are updated, found by their unique (content type, object id).

modelsearch's indexer also extracts every field of an object once for each of the five columns
it writes (title, autocomplete, body and their plain-text copies): while objects are being
added, their tags are read once (prefetched, and the prefetch dropped afterwards) and the text
a page computes for the index (``folded_search_text``) is computed once (``memoised``).

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend", ...}}``.
"""

from contextvars import ContextVar

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Avg, F, ForeignKey
from django.db.models.functions import Length
from django.utils.encoding import force_str
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import RelatedFields
from modelsearch.utils import get_content_type_pk
from taggit.managers import TaggableManager

from portal_site import wagtail_compat

AVERAGE_TITLE_LENGTH_KEY = "cms.search.average-title-length"
TITLE_LENGTH_SECONDS = 3600

_memo = ContextVar("cms.search_backend.memo", default=None)


def memoised(obj, name, compute):
    """``compute()``, once per object while objects are being added to the index."""
    memo = _memo.get()
    if memo is None:
        return compute()
    key = (id(obj), name)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _tag_relations(model):
    names = []
    for field in model.get_search_fields():
        if isinstance(field, RelatedFields):
            try:
                relation = model._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                continue
            if isinstance(relation, TaggableManager):
                names.append(field.field_name)
    return names


def _prefetch_tags(model, objs):
    """Read the tags the index reads, in one query per relation and in the order the
    relation's own query gives (taggit: by tagged item, as the tags were added); return the
    (object, name) pairs to drop afterwards (an object outlives its indexing: a cached tag list
    would go stale). Taggit refuses a custom ``Prefetch`` queryset, hence the query here."""
    fetched = []
    objs = [obj for obj in objs if obj.pk is not None]
    for name in _tag_relations(model):
        todo = [obj for obj in objs if name not in getattr(obj, "_prefetched_objects_cache", {})]
        if not todo:
            continue
        manager = getattr(todo[0], name)
        through = manager.through
        if manager.ordering != [f"{through.tag.field.related_query_name()}__pk"]:
            continue
        try:
            owner = through._meta.get_field("content_object")
        except FieldDoesNotExist:
            continue
        if not isinstance(owner, ForeignKey):
            continue  # generic tagged items (images, documents): read as modelsearch does
        owner = owner.attname
        tags = {obj.pk: [] for obj in todo}
        rows = (
            through.objects.filter(**{f"{owner}__in": list(tags)})
            .select_related("tag")
            .order_by("pk")
        )
        for row in rows:
            tags[getattr(row, owner)].append(row.tag)
        for obj in todo:
            queryset = getattr(obj, name).get_queryset()
            queryset._result_cache, queryset._prefetch_done = tags[obj.pk], True
            obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
            fetched.append((obj, name))
    return fetched


class IncrementalTitleNormsMixin:
    """For modelsearch's ``PostgresIndex`` and ``SQLiteIndex``: see the module docstring."""

    _just_added = None

    def _average_title_length(self, refresh=False):
        average = None if refresh else cache.get(AVERAGE_TITLE_LENGTH_KEY)
        if average is None:
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
            if average is not None:
                cache.set(AVERAGE_TITLE_LENGTH_KEY, average, TITLE_LENGTH_SECONDS)
        return average

    def add_items(self, model, objs):
        objs = list(objs)
        self._just_added = (get_content_type_pk(model), [force_str(obj.pk) for obj in objs])
        token = _memo.set({})
        prefetched = _prefetch_tags(model, objs)
        try:
            super().add_items(model, objs)
        finally:
            _memo.reset(token)
            for obj, name in prefetched:
                obj._prefetched_objects_cache.pop(name, None)
            self._just_added = None

    def refresh_title_norms(self, *, full, upstream):
        """Called where modelsearch refreshes title norms (``portal_site.wagtail_compat``);
        ``upstream()`` is modelsearch's own full refresh."""
        if full or self._just_added is None:
            self._average_title_length(refresh=True)
            upstream()
            return
        average = self._average_title_length()
        if average is None:
            return
        content_type_pk, object_ids = self._just_added
        self.entries.filter(
            content_type_id=content_type_pk, object_id__in=object_ids, title_norm=1.0
        ).annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )


_index_classes = {}


def _index_class(base):
    if base not in _index_classes:
        _index_classes[base] = wagtail_compat.with_title_norms_refresh(
            base, IncrementalTitleNormsMixin
        )
    return _index_classes[base]


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    backend = database_backend(params)
    if wagtail_compat.refreshes_title_norms(backend.index_class):
        backend.index_class = _index_class(backend.index_class)
    return backend

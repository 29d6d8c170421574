"""Appending one entry to the chain: one database round trip on PostgreSQL.

``editorial_ledger_append(fields jsonb, actor_id, page_id, page_path, role_names)`` is a
PL/pgSQL function (installed by migration 0008 and again after every ``migrate``) that, in one
call:

1. takes the append lock (a transaction-level advisory lock, held to the end of the caller's
   transaction, so appends are serialised and the chain has no gaps or forks),
2. reads what must be copied as it is at that moment and that Python would otherwise fetch
   with queries of its own: the actor's roles (editorial roles in ``roles.ALL_ROLES`` order,
   else every group name in code point order) and job title, the page's section (the deepest
   ``SectionPage`` among the page and its ancestors) and its source type,
3. reads the head, sets ``seq``, ``prev_hash`` and ``created_at`` (``clock_timestamp()``, after
   the lock: times follow the chain's order),
4. computes the entry's hash over exactly the preimage of ``hashing.entry_hash`` (the SQL that
   ``verify`` uses), inserts the row and returns it.

Everything else (the actor's name, the page's title and path, the content hash, the stage,
the request's address) is computed in Python beforehand and passed in ``fields``.

On other databases (SQLite) ``record`` does the same steps as separate queries in Python;
SQLite serialises writers itself. The unique ``prev_hash`` refuses a fork on both.
"""

from django.contrib.auth import get_user_model
from django.db import connection as default_connection

from editorial.ledger import hashing

APPEND_LOCK_KEY = 0x6C6564676572  # "ledger"
FUNCTION = "editorial_ledger_append"
TABLE = "editorial_ledgerentry"


def _preimage_sql(prefix=""):
    """SQL text of an entry's hash preimage (see ``hashing.HASHED_FIELDS``); ``prefix``
    qualifies each field (``"r."`` for a row variable)."""
    parts = []
    for name in hashing.HASHED_FIELDS:
        column = f"{prefix}{name}"
        if name in hashing.TIMESTAMP_FIELDS:
            text = f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        elif name in hashing.INTEGER_FIELDS:
            text = f"coalesce({column}::text, '')"
        else:
            text = f"coalesce({column}, '')"
        parts.append(f"octet_length({text})::text || ':' || {text}")
    return " || ".join(parts)


def hash_sql(prefix=""):
    return f"encode(sha256(convert_to({_preimage_sql(prefix)}, 'UTF8')), 'hex')"


def _function_sql():
    from wagtail.models import Page

    from cms.models import ArticlePage, SectionPage
    from editorial.models import StaffProfile

    User = get_user_model()
    membership = User.groups.through._meta
    membership_user = membership.get_field(User._meta.model_name).column
    membership_group = membership.get_field("group").column
    group_table = User.groups.field.related_model._meta.db_table
    profile = StaffProfile._meta
    page_table = Page._meta.db_table
    section_table = SectionPage._meta.db_table
    section_ptr = SectionPage._meta.pk.column
    article_table = ArticlePage._meta.db_table
    article_ptr = ArticlePage._meta.pk.column
    return f"""
    CREATE OR REPLACE FUNCTION {FUNCTION}(
        p_fields jsonb, p_actor_id bigint, p_page_id bigint, p_page_path text, p_roles text[]
    ) RETURNS SETOF {TABLE} AS $$
    DECLARE
        r {TABLE}%ROWTYPE;
        v_groups text[];
        v_head record;
    BEGIN
        PERFORM pg_advisory_xact_lock({APPEND_LOCK_KEY});
        r := jsonb_populate_record(NULL::{TABLE}, p_fields);

        IF p_actor_id IS NOT NULL THEN
            SELECT coalesce(array_agg(g.name ORDER BY g.name COLLATE "C"), '{{}}')
              INTO v_groups
              FROM {membership.db_table} m JOIN {group_table} g ON g.id = m.{membership_group}
             WHERE m.{membership_user} = p_actor_id;
            SELECT coalesce(string_agg(t.name, ', ' ORDER BY t.position), '')
              INTO r.actor_roles
              FROM unnest(p_roles) WITH ORDINALITY AS t(name, position)
             WHERE t.name = ANY (v_groups);
            IF r.actor_roles = '' THEN
                r.actor_roles := array_to_string(v_groups, ', ');
            END IF;
            r.actor_roles := left(r.actor_roles, 500);
            r.actor_title := left(coalesce((
                SELECT p.{profile.get_field("title").column} FROM {profile.db_table} p
                 WHERE p.{profile.get_field("user").column} = p_actor_id), ''), 255);
        ELSE
            r.actor_roles := '';
            r.actor_title := '';
        END IF;

        IF p_page_path IS NOT NULL THEN
            -- The page and its ancestors are the prefixes of its path (one index probe each).
            SELECT p.id, left(p.title, 255) INTO r.section_id, r.section_title
              FROM {page_table} p JOIN {section_table} s ON s.{section_ptr} = p.id
             WHERE p.path IN (
                   SELECT left(p_page_path, n * {Page.steplen})
                     FROM generate_series(1, length(p_page_path) / {Page.steplen}) AS n)
             ORDER BY p.depth DESC
             LIMIT 1;
            r.section_title := coalesce(r.section_title, '');
            r.source_type := left(coalesce((
                SELECT a.source_type FROM {article_table} a WHERE a.{article_ptr} = p_page_id
            ), ''), 30);
        ELSE
            r.section_id := NULL;
            r.section_title := '';
            r.source_type := '';
        END IF;

        SELECT e.seq, e.entry_hash INTO v_head FROM {TABLE} e ORDER BY e.seq DESC LIMIT 1;
        IF FOUND THEN
            r.seq := v_head.seq + 1;
            r.prev_hash := v_head.entry_hash;
        ELSE
            r.seq := 1;
            r.prev_hash := '{hashing.GENESIS_HASH}';
        END IF;
        r.created_at := clock_timestamp();
        r.entry_hash := {hash_sql("r.")};
        INSERT INTO {TABLE} VALUES (r.*);
        RETURN NEXT r;
    END;
    $$ LANGUAGE plpgsql VOLATILE
    """  # noqa: S608 - table and column names only, from the models


def install(connection=None):
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(_function_sql())


def drop(connection=None):
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(jsonb, bigint, bigint, text, text[])")

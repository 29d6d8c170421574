"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on the ledger table.

Installed by migration 0003 and again after every ``migrate`` (post_migrate), so a dropped trigger
comes back with the next deployment. ``drop`` exists for tests of the hash chain and for the test
runner's flush between transactional tests.
"""

TABLE = "editorial_ledgerentry"

POSTGRES_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION editorial_ledger_refuse() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'editorial ledger is append-only: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""CREATE OR REPLACE TRIGGER editorial_ledger_no_change BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION editorial_ledger_refuse()""",
    f"""CREATE OR REPLACE TRIGGER editorial_ledger_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION editorial_ledger_refuse()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS editorial_ledger_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS editorial_ledger_no_truncate ON {TABLE}",
]

# SQLite has no TRUNCATE; "DELETE FROM" without WHERE fires the delete trigger (the truncate
# optimisation is off for tables with triggers).
SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS editorial_ledger_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'editorial ledger is append-only: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS editorial_ledger_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'editorial ledger is append-only: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS editorial_ledger_no_update",
    "DROP TRIGGER IF EXISTS editorial_ledger_no_delete",
]


def _statements(vendor, install):
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_DROP
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_DROP
    return []


def install(connection):
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def drop(connection):
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)

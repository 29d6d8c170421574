"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on the ledger table.

Installed by editorial's migration 0003 and again after every ``migrate`` (post_migrate), so a
dropped trigger comes back with the next deployment. ``drop`` exists for tests of the hash
chain and for the test runner's flush between transactional tests. The names of the triggers
and of their function are the ones they had when the ledger was part of ``editorial`` (kept:
databases have them).
"""

from ledger import append


def _postgres_install(table):
    return [
        """
        CREATE OR REPLACE FUNCTION editorial_ledger_refuse() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'editorial ledger is append-only: % refused on %', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql
        """,
        f"""CREATE OR REPLACE TRIGGER editorial_ledger_no_change BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION editorial_ledger_refuse()""",
        f"""CREATE OR REPLACE TRIGGER editorial_ledger_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION editorial_ledger_refuse()""",
    ]


def _postgres_drop(table):
    return [
        f"DROP TRIGGER IF EXISTS editorial_ledger_no_change ON {table}",
        f"DROP TRIGGER IF EXISTS editorial_ledger_no_truncate ON {table}",
    ]


# SQLite has no TRUNCATE; "DELETE FROM" without WHERE fires the delete trigger (the truncate
# optimisation is off for tables with triggers).
def _sqlite_install(table):
    return [
        f"""CREATE TRIGGER IF NOT EXISTS editorial_ledger_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, 'editorial ledger is append-only: UPDATE refused'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS editorial_ledger_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, 'editorial ledger is append-only: DELETE refused'); END""",
    ]


def _sqlite_drop(table):
    return [
        "DROP TRIGGER IF EXISTS editorial_ledger_no_update",
        "DROP TRIGGER IF EXISTS editorial_ledger_no_delete",
    ]


def _statements(vendor, install):
    table = append.table()
    if vendor == "postgresql":
        return (_postgres_install if install else _postgres_drop)(table)
    if vendor == "sqlite":
        return (_sqlite_install if install else _sqlite_drop)(table)
    return []


def install(connection):
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def drop(connection):
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)

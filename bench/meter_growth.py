"""The meter's tables grown to a large site's size for `serving.py`, and shrunk back.

Seeds 200,000 free accounts (bench-grow-N@example.org) and 2,000,000 unlocks in a few set-based
statements: each account's five views of the current period and one of a past month, and
800,000 guests (visitor ids starting GROWTH_VISITOR_PREFIX) with one view each, three in four
in the current period. Codes are spread over the whole catalogue.
"""

import psycopg

ACCOUNTS = 200_000
UNLOCKS = 2_000_000
ACCOUNT_EMAILS = "bench-grow-%@example.org"
GROWTH_VISITOR_PREFIX = "b0000000-0000-4000-8000-"
FREE_VIEWS = 5  # METER_FREE_VIEWS's default: an account's slots are 1 to 5
GUESTS = UNLOCKS - ACCOUNTS * (FREE_VIEWS + 1)
FIRST_VISITOR = GROWTH_VISITOR_PREFIX + "0" * 12
LAST_VISITOR = GROWTH_VISITOR_PREFIX + "f" * 12

# A past month, 1 to 12 months back, picked by `n`: rows a monthly meter would have left.
PAST_MONTH = "to_char(now() - (mod({n}, 12) + 1) * interval '1 month', 'YYYY-MM')"

SEED_ACCOUNTS = """
INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active,
                           date_joined, email, mailbox, plan, extra_views, medicare_locality)
SELECT '!', false, '', '', false, true, now() - mod(n, 730) * interval '1 day',
       replace(%(emails)s, '%%', n::text), replace(%(emails)s, '%%', n::text), 'free', 0, ''
FROM generate_series(1, %(accounts)s) AS n
ON CONFLICT DO NOTHING
"""

# Codes are joined by position, never picked from an array of every id: a plan that carried
# that array (800 KB) in each row it sorted or hashed spilled tens of gigabytes to disk.
NUMBERED_CODES = """
codes AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS position FROM lookup_code),
code_count AS (SELECT count(*) AS total FROM lookup_code)
"""

SEED_ACCOUNT_UNLOCKS = f"""
WITH {NUMBERED_CODES},
     accounts AS (SELECT id FROM accounts_user WHERE email LIKE %(emails)s),
     rows AS (
         SELECT accounts.id AS user_id, mod(accounts.id * 37 + slot, total) AS position,
                %(period)s AS period, slot,
                now() - mod(accounts.id, 365) * interval '1 day' + slot * interval '1 minute'
                    AS unlocked_at
         FROM accounts, code_count, generate_series(1, %(views)s) AS slot
         UNION ALL
         SELECT accounts.id, mod(accounts.id * 53, total), {PAST_MONTH.format(n="accounts.id")},
                1, now() - interval '400 days'
         FROM accounts, code_count
     )
INSERT INTO accounts_unlock (user_id, code_id, period, slot, unlocked_at)
SELECT rows.user_id, codes.id, rows.period, rows.slot, rows.unlocked_at
FROM rows JOIN codes USING (position)
ON CONFLICT DO NOTHING
"""

SEED_GUEST_UNLOCKS = f"""
WITH {NUMBERED_CODES}
INSERT INTO accounts_unlock (visitor, code_id, period, slot, unlocked_at)
SELECT (%(prefix)s || lpad(to_hex(n), 12, '0'))::uuid, codes.id,
       CASE WHEN mod(n, 4) = 0 THEN {PAST_MONTH.format(n="n / 4")} ELSE %(period)s END, 1,
       now() - mod(n, 365) * interval '1 day'
FROM generate_series(1, %(guests)s) AS n
CROSS JOIN code_count JOIN codes ON codes.position = mod(n * 31, code_count.total)
ON CONFLICT DO NOTHING
"""

COUNT_ROWS = """
SELECT (SELECT count(*) FROM accounts_user WHERE email LIKE %(emails)s),
       (SELECT count(*) FROM accounts_unlock
         WHERE user_id IN (SELECT id FROM accounts_user WHERE email LIKE %(emails)s))
     + (SELECT count(*) FROM accounts_unlock WHERE visitor BETWEEN %(first)s AND %(last)s)
"""

REMOVE_ROWS = [
    "DELETE FROM accounts_unlock"
    " WHERE user_id IN (SELECT id FROM accounts_user WHERE email LIKE %(emails)s)",
    "DELETE FROM accounts_unlock WHERE visitor BETWEEN %(first)s AND %(last)s",
    "DELETE FROM accounts_user WHERE email LIKE %(emails)s",
]

PARAMETERS = {
    "emails": ACCOUNT_EMAILS,
    "accounts": ACCOUNTS,
    "views": FREE_VIEWS,
    "guests": GUESTS,
    "prefix": GROWTH_VISITOR_PREFIX,
    "first": FIRST_VISITOR,
    "last": LAST_VISITOR,
}


def growth_rows(url: str) -> tuple[int, int]:
    """How many seeded accounts and unlocks the database holds now."""
    with psycopg.connect(url) as connection:
        return connection.execute(COUNT_ROWS, PARAMETERS).fetchone()


def seed_growth(url: str, period: str) -> bool:
    """Seed the rows unless they are all there already; True when it wrote any."""
    accounts, unlocks = growth_rows(url)
    if accounts >= ACCOUNTS and unlocks >= UNLOCKS:
        return False
    parameters = PARAMETERS | {"period": period}
    with psycopg.connect(url) as connection:
        # A plan gone wrong fails here rather than filling a disk other work shares.
        connection.execute("SET temp_file_limit = '2GB'")
        for statement in [SEED_ACCOUNTS, SEED_ACCOUNT_UNLOCKS, SEED_GUEST_UNLOCKS]:
            connection.execute(statement, parameters)
    vacuum(url, "VACUUM ANALYZE")
    return True


def remove_growth(url: str) -> None:
    """Delete the seeded rows and rewrite both tables, so the next run's tables are small."""
    with psycopg.connect(url) as connection:
        for statement in REMOVE_ROWS:
            connection.execute(statement, PARAMETERS)
    # FULL: plain VACUUM would leave the tables and their indexes at their grown size.
    vacuum(url, "VACUUM FULL ANALYZE")


def vacuum(url: str, command: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        for table in ["accounts_user", "accounts_unlock"]:
            connection.execute(f"{command} {table}")


def table_sizes(url: str) -> tuple[int, int]:
    """How many accounts and unlocks the meter's tables hold, seeded or not."""
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM accounts_unlock)"
        ).fetchone()

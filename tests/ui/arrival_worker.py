"""A greeter in another process: records one arrival, for the till-notice tests.

    python -m tests.ui.arrival_worker DB_URL MEMBER_PHONE STORE_CODE
"""

from __future__ import annotations

import sys


def main(url: str, phone: str, store_code: str) -> None:
    from app.db import bind
    from app.faces import templates
    from app.models import Member, Store
    from app.reception.visits import record_arrival

    bind(url, migrate=False)
    member = Member.get(Member.phone == phone)
    if not templates.active_consent(member):  # only enrolled members are greeted
        templates.enrol(member, templates.grant_consent(member), [[0.01] * 128])
    store = Store.get(Store.code == store_code)
    print(record_arrival(member.id, store.id, 880).visit_id)


if __name__ == "__main__":
    main(*sys.argv[1:4])

"""A till in a separate process that runs one command at a time, for the refund and shift-close
race tests. The test sends the same command to several workers at once and reads the answers.

    python refund_worker.py DB_URL TERMINAL_CODE

Commands on stdin, one per line; after each the worker prints one answer line:

    GRANT <sale id>              a manager's approval to refund the sale (kept for REFUND)
    SHIFT                        look up the till's open shift (REFUND and SELL ring up in it)
    REFUND <sale id> <key>       refund everything left on the sale under client UUID <key>
    REFUNDONE <sale id> <line id> <key> <approval code> <card refund ref>
                                 refund one unit of the line; its card share under the ref
    SELL                         sell one cola for cash
    CLOSE                        close the till's open shift (the cashier's own)

    OK <receipt> <replayed 0|1>  |  REFUSED <error class> <code> <message>  |  ERR <class> <text>

It prints ``READY`` once signed in and ``BYE`` at end of input.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.approvals import sale_target  # noqa: E402
from app.cart import Cart  # noqa: E402
from app.checkout import Tender  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.till import Till  # noqa: E402

COLA = "6901939621608"


def run(till: Till, approvals: dict[int, object], words: list[str]) -> str:
    command = words[0]
    if command == "GRANT":
        sale_id = int(words[1])
        approvals[sale_id] = till.approve("refund", "9999", sale_target(sale_id))
        return "OK - 0"
    if command == "REFUND":
        sale_id, key = int(words[1]), words[2]
        result = till.refund(sale_id, None, approvals.pop(sale_id, None), key)
        return f"OK {result.receipt_no} {int(result.replayed)}"
    if command == "REFUNDONE":
        sale_id, line_id, key, code, card_ref = words[1:6]
        result = till.refund(int(sale_id), {int(line_id): 1}, approvals.pop(int(sale_id), None),
                             key, card_references={code: card_ref})
        return f"OK {result.receipt_no} {int(result.replayed)}"
    if command == "SHIFT":
        shift = till.current_shift()
        return f"OK {shift.id if shift else '-'} 0"
    if command == "SELL":
        cart = Cart()
        cart.add(till.scan(COLA))
        sale = till.pay(cart, [Tender("cash", cart.totals().total)])
        return f"OK {sale.receipt_no} {int(sale.replayed)}"
    if command == "CLOSE":
        till.current_shift()
        report = till.close_shift({})
        return f"OK Z{report.z_number} 0"
    return f"ERR ValueError unknown command {command}"


def main() -> int:
    url, terminal_code = sys.argv[1], sys.argv[2]
    bind(url)
    till = Till.open(terminal_code)
    till.sign_in("c1", "1111")
    approvals: dict[int, object] = {}
    print("READY", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            answer = run(till, approvals, words)
        except PatronError as exc:
            answer = f"REFUSED {type(exc).__name__} {exc.code} {exc.message}"
        except Exception as exc:  # the test fails on any of these
            answer = f"ERR {type(exc).__name__} {' '.join(str(exc).split())}"
        print(answer, flush=True)
    print("BYE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-unit point codes and shopping guides (SPEC §4).

* :mod:`.batches` — the back office generates a batch of signed, typable codes for one product
  (app.typable_codes, kind ``P``), voids a batch, lists its codes for labels.
* :mod:`.scans` — a guide marks a unit as sold by them (once); a member redeems a unit's code
  (once, enforced by a conditional update): the code's points through the ledger (key
  ``code:<code>``), the marking guide's linked points (``guide:<code>``), then the batch's
  follow-up question, whose answer earns the feedback reward once (``feedback:…``).
* :mod:`.linkage` — what a guide earns per redeemed unit (fixed points or a share), per merchant.
* :mod:`.reports` — generated / marked / redeemed per batch, guide and store; guides' board.

Forged, mutated, voided and used codes get one message (``pointcode.not_genuine`` "this code
cannot be used"); refusals are counted per terminal and member (app.throttle).
"""

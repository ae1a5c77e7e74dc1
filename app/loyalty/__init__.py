"""Coalition loyalty beyond the till: member look-up and adjustments, points expiry, earning
rules and tiers (the back office's services; the ledger itself is app.ledger)."""

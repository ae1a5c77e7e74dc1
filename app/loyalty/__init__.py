"""Coalition loyalty beyond the till (the back office's services; the ledger itself is
app.ledger): how many points a sale earns (rules) and their editing (rules_admin), members'
tiers (tiers), member look-up and adjustments, and points expiry."""

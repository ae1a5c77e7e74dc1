"""Coalition loyalty rules: how many points a sale earns (rules), the back office's editing of
those rules (rules_admin) and the members' tiers (tiers)."""

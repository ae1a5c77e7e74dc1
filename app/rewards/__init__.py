"""Points used beyond the till: the rewards catalogue (catalogue), the stored-value wallet
points convert into and every till takes (wallet), and conversion partners (partners)."""

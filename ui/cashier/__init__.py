"""The cashier window: the till a cashier uses all day.

``role.CashierRole`` builds it; ``session.TillSession`` holds the sale being rung up (no
widgets); the window is composed of panels and dialogs, one module each.
"""

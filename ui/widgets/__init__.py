"""Widgets every role shares (cashier, kiosk, greeter, back office, handheld, gate): keypads,
the manager PIN pad, the dialog base, the message banner and language helpers. Nothing here
knows a role's session: a widget is given callables and values, never a TillSession."""

"""``--role greeter``: the fullscreen reception screen at the door."""

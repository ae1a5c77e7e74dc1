"""``--role guide``: the shopping guide's screen. A guide signs in, marks the units they sell
by scanning (or typing) their point codes, and sees their points and the guides' board."""

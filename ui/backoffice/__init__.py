"""``--role backoffice``: the coalition operator's and merchants' managers' desktop window.

The window (:mod:`ui.backoffice.window`) signs staff in and shows one page per capability,
listed in :mod:`ui.backoffice.pages`. A page is a small module of its own: it asks the
services in ``app/`` through the :class:`~ui.backoffice.context.BackofficeContext` and shows
what they return.
"""

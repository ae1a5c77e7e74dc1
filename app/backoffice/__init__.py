"""The back office's domain side: who is signed in (:mod:`app.backoffice.actor`) and what they
may see and change. Each back-office capability keeps its services in its own room
(``app/loyalty/``, ``app/messaging/``, ...); this package only holds what they all share."""

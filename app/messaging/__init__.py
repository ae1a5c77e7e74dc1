"""Messages to members, merchants and partners: templates per language
(:mod:`app.messaging.templates`), queuing into the outbox (:mod:`app.messaging.notices`) and
the dispatcher and providers that send what is queued."""

"""Back-office administration of the coalition's organisation: merchants with their region and
settlement details, stores, terminals and staff. Every service takes the signed-in
:class:`app.backoffice.actor.Actor` first, enforces its scope and audits each change with the
row before and after."""

"""Settlement between the coalition's merchants: periods, idempotent runs, statements and the
ledger entries behind every statement figure (see ../shared/LEDGER.md, "Settlement")."""

from app.settlement.positions import pair_flows, point_positions

__all__ = ["pair_flows", "point_positions"]

"""Settlement positions between merchants (the sums-to-zero property lives in the ledger
state machine); here, the refusals."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.errors import ValidationError
from app.settlement import point_positions


@pytest.mark.parametrize("end", [datetime(2031, 1, 1), datetime(2030, 12, 31)])
def test_a_period_that_does_not_end_after_it_starts_is_refused(db, end):
    with pytest.raises(ValidationError) as refused:
        point_positions(datetime(2031, 1, 1), end)
    assert refused.value.code == "settlement.bad_period"
    assert refused.value.params["start"] == "2031-01-01T00:00:00"

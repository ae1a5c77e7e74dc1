"""Back-office reports: aggregate queries behind the charts, each also exportable as CSV."""

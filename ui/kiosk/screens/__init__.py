"""The kiosk's screens: attract, home, offers, out of order, staff."""

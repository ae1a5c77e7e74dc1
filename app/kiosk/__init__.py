"""The self-service kiosk's domain side: which kiosk this is (:mod:`.terminal`), the offers it
shows (:mod:`.offers`), and the staff's way out (:mod:`.staff_exit`). The shopper-facing flows
(identify, order a coupon, redeem a point code) keep their rules in their own packages."""

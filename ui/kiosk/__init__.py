"""``--role kiosk``: the fullscreen self-service kiosk.

A navigation stack of screens (:mod:`ui.kiosk.window`): the attract screen, the home menu of
flows (:mod:`ui.kiosk.flows`, each flow its own module) and whatever a flow pushes. An idle
watcher (:mod:`ui.kiosk.idle`) asks "still there?" and then wipes the shopper's session.
Shoppers cannot leave the window; staff leave with the hidden gesture and a manager's PIN.
"""

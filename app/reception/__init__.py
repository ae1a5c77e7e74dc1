"""Reception: what happens when the greeter recognises a member at the door.

visits.py records the arrival (de-duplicated over a window) and queues an offer;
welcome.py builds the greeter's welcome card; favourites.py ranks a member's products;
till_notices.py lets the store's tills poll for arrivals. No Qt, no face libraries.
"""

"""Device drivers and simulators. Speaks plain values; knows nothing of the domain."""

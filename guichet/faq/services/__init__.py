"""Every write to the FAQ goes through a function of this package."""

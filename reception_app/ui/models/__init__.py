"""Qt item models over plain domain objects."""

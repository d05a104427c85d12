"""The fast path of a load: structurers generated from the model's rules, compiled once."""

"""The command line: one thin command per task over the library."""

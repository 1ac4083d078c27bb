"""Version of the lapor-sdk distribution."""

__version__ = "0.1.0"

"""hoax_clinic: track circulating claims (hoaks) and publish clarifications."""

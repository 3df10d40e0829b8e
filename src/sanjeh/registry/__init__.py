"""Registry of agencies, their officials, peer groups and news outlets (editable in the admin)."""

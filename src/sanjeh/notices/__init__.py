"""Deadline reminders and status notices by e-mail and SMS/messenger, each logged once per event."""

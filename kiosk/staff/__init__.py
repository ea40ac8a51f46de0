"""Staff access to the kiosk: the PIN and its lockout policy (no widgets here)."""

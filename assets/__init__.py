"""Icons, the theme and the lesson texts, installed with the app."""

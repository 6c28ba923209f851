"""The SENCo's side of the bot: deciding on submitted plans, the school's overview, and its staff."""

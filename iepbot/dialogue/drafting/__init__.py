"""The /new flow: guided drafting of a plan, from the pupil to submission to the SENCo."""

"""The /review_plan flow: each target's outcome and evidence, the guidance's five questions when one was not
met, the next target proposed from the bank, then the plan closed and its successor drafted."""

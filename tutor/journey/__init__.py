"""The course walked in order: entering a step (`begin`), the evidence of a pass, feedback that
moves forward, what a lesson leaves behind, and the journey self-test.

`begin.enter_step` is the one entry point the `begin` command, the guided UI and `watch` use.
"""

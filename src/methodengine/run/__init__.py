"""``methodengine run``: holding a meeting against the clock.

:mod:`~.clock` is the run state (pure, tested without a screen),
:mod:`~.catch_up` the arithmetic of a catch-up proposal, :mod:`~.record` the
run state as the log (:mod:`~.log`) keeps it, and :mod:`~.app` the Textual
screen, imported only by the command.
"""

"""The simulated market of training exercises: a population of fictional prospects and
customers with hidden attributes (``population``), the response model that answers the
trainee's actions (``model``) from keyed draws (``draws``), and its tunable parameters
(``parameters``). Pure Python: no database, no HTTP (see README.md)."""

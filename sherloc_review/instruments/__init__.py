"""The Convention, its Protocols, their articles and the clusters of Table 1."""

"""Security: policy, principals, permissions, ACLs, passwords, tokens, CSRF."""

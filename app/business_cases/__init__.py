"""The business case (cas d'entreprise): the company a trainee sells for
(app/business_cases/README.md).
"""

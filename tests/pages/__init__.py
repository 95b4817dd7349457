"""One test module per docs page, holding that page's claims, in both languages.

A package, so that a page's module may share its name with a package test module
(tests/pages/test_nn_linear.py beside tests/test_nn_linear.py) without an import clash.
"""

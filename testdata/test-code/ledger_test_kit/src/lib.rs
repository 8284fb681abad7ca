//! A package named like test helpers (`ledger_test_helpers`): test support, though
//! `ledger` names it under [dependencies].
mod pass;

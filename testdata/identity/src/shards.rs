//! Two structs named `Inner`, in `shards::hot` and `shards::cold`: only the cold one ever
//! evicts, which says nothing of the hot one. Each is handed to callers by a `pub`
//! constructor, so neither is only a local value.
mod cold;
mod hot;

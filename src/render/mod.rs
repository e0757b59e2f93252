pub mod build;
pub mod cover;
pub mod fonts;
pub mod linebreak;
pub mod tree;

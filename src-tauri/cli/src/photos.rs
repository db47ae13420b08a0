//! `newsflash photos`: the photo library and its credits.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use newsflash_core::{Error, Licence, NewPhoto, Newsroom, Photo};
use time::OffsetDateTime;

use crate::say::out;

#[derive(Debug, Subcommand)]
pub(crate) enum PhotosCommand {
    /// Add an image (JPEG, PNG, WebP or GIF) to the photo library with its credit,
    /// and print the credit line made from it.
    // Boxed: the arguments are large and the other variants empty.
    Add(Box<AddArgs>),
    /// List the photo library: key, size, licence and credit line.
    List,
}

/// The credit is never typed as a line: it is built from these fields (title,
/// author, source, licence).
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The image file; it is copied into the newsroom's asset folder.
    file: PathBuf,
    /// How issues will refer to the photo: lowercase letters, digits and dashes.
    #[arg(long)]
    key: String,
    /// Who made it (a person or an organisation); required unless the photo is in
    /// the public domain.
    #[arg(long)]
    creator: Option<String>,
    /// The licence: CC0-1.0; CC-BY, CC-BY-SA, CC-BY-NC, CC-BY-NC-SA, CC-BY-ND or
    /// CC-BY-NC-ND followed by -2.0, -3.0 or -4.0; public-domain;
    /// all-rights-reserved (with --permission).
    #[arg(long, value_name = "ID")]
    licence: String,
    /// The work's title.
    #[arg(long)]
    title: Option<String>,
    /// Where it was found, as readers know it (e.g. Flickr).
    #[arg(long = "source", value_name = "NAME")]
    source_name: Option<String>,
    /// The photo's page at its source (https://...).
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
    /// What the image shows, for readers who cannot see it.
    #[arg(long)]
    alt: Option<String>,
    /// The caption printed under it.
    #[arg(long)]
    caption: Option<String>,
    /// For all-rights-reserved photos: who allowed the use, and how.
    #[arg(long)]
    permission: Option<String>,
}

pub(crate) fn run(
    newsroom: &Newsroom,
    command: PhotosCommand,
    now: OffsetDateTime,
) -> Result<(), Error> {
    match command {
        PhotosCommand::Add(args) => {
            let photo = NewPhoto {
                key: args.key,
                alt: args.alt.unwrap_or_default(),
                caption: args.caption.unwrap_or_default(),
                title: args.title.unwrap_or_default(),
                creator: args.creator.unwrap_or_default(),
                source_name: args.source_name.unwrap_or_default(),
                source_url: args.source_url.unwrap_or_default(),
                licence: Licence::parse(&args.licence)?,
                permission: args.permission.unwrap_or_default(),
            };
            let photo = newsroom.photos().add(&args.file, photo, now)?;
            out!("{}", photo.credit_line());
        }
        PhotosCommand::List => {
            let photos = newsroom.photos().list()?;
            let key_width = photos.iter().map(|p| p.key.chars().count()).max();
            for photo in &photos {
                out!(
                    "{:<key_width$}  {:>9}  {:>6}  {:<16}  {}",
                    photo.key,
                    dimensions(photo),
                    file_size(newsroom, photo),
                    photo.licence.id(),
                    photo.credit_line(),
                    key_width = key_width.unwrap_or(0),
                );
            }
        }
    }
    Ok(())
}

fn dimensions(photo: &Photo) -> String {
    match (photo.width, photo.height) {
        (Some(width), Some(height)) => format!("{width}×{height}"),
        _ => "?".to_owned(),
    }
}

/// The size of the stored file, rounded up to kilobytes; "missing" if the asset
/// folder lost it (the newsroom was copied without it).
fn file_size(newsroom: &Newsroom, photo: &Photo) -> String {
    match std::fs::metadata(newsroom.assets_dir().join(&photo.file)) {
        Ok(metadata) => format!("{} KB", metadata.len().div_ceil(1024)),
        Err(_) => "missing".to_owned(),
    }
}
